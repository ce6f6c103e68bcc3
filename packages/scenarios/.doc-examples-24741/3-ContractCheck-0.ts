import { CONTRACT_CHECKS, type ContractCheck } from '@omnikit/scenarios';

const aboutCdr: ContractCheck[] = CONTRACT_CHECKS.filter((c) => c.subject === 'notification cdr');
