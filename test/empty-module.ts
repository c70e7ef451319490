// Stand-in for `server-only` under Vitest: the real package throws outside
// React Server Components, but our db/ modules are tested directly in Node.
export {};
