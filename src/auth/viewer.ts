import type { Role } from './roles';

/** Who is asking: the API key a request was sent with (null in the context when anonymous). */
export interface Viewer {
  keyId: string;
  name: string;
  role: Role;
}
