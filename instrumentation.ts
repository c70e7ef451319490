// Runs once when the server starts: migrate (and seed an empty database)
// before the first request rather than on it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { getDb } = await import('./db/client');
    getDb();
  }
}
