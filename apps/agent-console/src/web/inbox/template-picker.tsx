/**
 * The WhatsApp template picker, for a conversation whose 24-hour window has closed: only an
 * approved template may go then. The agent chooses one (name and language), fills a value for
 * each of its variables and reads the message as the customer will before sending it.
 *
 * @module
 */

import { Button, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { InboxTemplate } from '../../shared/inbox-schemas.js';
import { fillTemplate } from './fill-template.js';

interface Props {
  templates: InboxTemplate[];
  sending: boolean;
  onSend(template: InboxTemplate, variables: string[]): Promise<boolean>;
  onError(error: string | null): void;
}

const keyOf = (t: InboxTemplate) => `${t.name}:${t.language}`;

export function TemplatePicker({ templates, sending, onSend, onError }: Props) {
  const [key, setKey] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const chosen = templates.find((t) => keyOf(t) === key);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || sending) return;
    const missing = Array.from({ length: chosen.variable_count }, (_, i) => i).find((i) => !values[i]?.trim());
    if (missing !== undefined) {
      onError(`Give variable {{${missing + 1}}} a value before you send the template.`);
      return;
    }
    onError(null);
    const sent = await onSend(
      chosen,
      values.slice(0, chosen.variable_count).map((v) => v.trim()),
    );
    if (sent) {
      setKey('');
      setValues([]);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Send a template" data-testid="template-picker">
      <Stack gap={6}>
        <Text size="sm">
          The customer last wrote more than 24 hours ago: WhatsApp allows only an approved template until they write
          again.
        </Text>
        <NativeSelect
          label="Template"
          value={key}
          onChange={(e) => {
            setKey(e.currentTarget.value);
            setValues([]);
          }}
          data={[
            { value: '', label: templates.length === 0 ? 'No approved templates' : 'Choose…' },
            ...templates.map((t) => ({ value: keyOf(t), label: `${t.name} (${t.language}, ${t.category})` })),
          ]}
          disabled={templates.length === 0}
        />
        {chosen && chosen.variable_count > 0 ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={6}>
            {Array.from({ length: chosen.variable_count }, (_, i) => (
              <TextInput
                // biome-ignore lint/suspicious/noArrayIndexKey: a template's variables are numbered, in order.
                key={i}
                label={`Variable {{${i + 1}}}`}
                value={values[i] ?? ''}
                maxLength={1024}
                onChange={(e) => {
                  const next = [...values];
                  next[i] = e.currentTarget.value;
                  setValues(next);
                }}
              />
            ))}
          </SimpleGrid>
        ) : null}
        {chosen ? (
          <Text size="sm" c="dimmed" data-testid="template-preview">
            {fillTemplate(chosen.body, values)}
          </Text>
        ) : null}
        <Button type="submit" disabled={!chosen} loading={sending} style={{ alignSelf: 'flex-end' }}>
          Send template
        </Button>
      </Stack>
    </form>
  );
}
