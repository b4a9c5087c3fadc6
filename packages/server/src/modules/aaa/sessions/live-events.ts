/** What the AAA engine tells every process about sessions and traffic, on the event bus. */
export type SessionChange = { i: string; s: string; u: string; stop: boolean; st: 'Start' | 'Interim-Update' | 'Stop' };
export type UsageChange = { i: string; s: string; b: number; at: string };
