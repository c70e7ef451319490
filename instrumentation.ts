// Runs once when the server starts: migrate, seed an empty database and fill
// derived columns before the first request rather than on it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startUp } = await import('./server/start-up');
    startUp();
  }
}
