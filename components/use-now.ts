'use client';
import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`; starts from the server's clock to render the same on both sides. */
export function useNow(initial: number, intervalMs = 15_000): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
