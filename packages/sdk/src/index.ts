export { encodePassword } from '@omnikit/contracts';
