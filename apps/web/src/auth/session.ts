/** The signed-in user's token, kept for this browser tab only. */
const KEY = 'housef3.backup.token';

export interface Session {
  token: string;
  userName: string;
  expiresAt: number;
}

export function readSession(storage: Storage = sessionStorage, now = Date.now()): Session | undefined {
  const token = storage.getItem(KEY);
  if (!token) return undefined;
  const claims = decodeClaims(token);
  if (!claims || claims.exp * 1000 <= now) {
    storage.removeItem(KEY);
    return undefined;
  }
  return { token, userName: claims.name, expiresAt: claims.exp * 1000 };
}

export function saveToken(token: string, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, token);
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

/** Reads the JWT's claims for display only; the gateway verifies the signature. */
function decodeClaims(token: string): { exp: number; name: string } | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const name = (payload['cognito:username'] ?? payload.email ?? payload.sub) as string;
    return typeof payload.exp === 'number' ? { exp: payload.exp, name } : undefined;
  } catch {
    return undefined;
  }
}
