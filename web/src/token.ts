// The user's API token: pasted once, kept in localStorage, sent as a bearer token.
const KEY = "catalog.token";
const listeners: Array<() => void> = [];

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token && token.trim()) localStorage.setItem(KEY, token.trim());
  else localStorage.removeItem(KEY);
  listeners.forEach((fn) => fn());
}

export function onTokenChange(fn: () => void): void {
  listeners.push(fn);
}
