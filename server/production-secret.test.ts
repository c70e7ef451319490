// Issue 16 item 6: a production server refuses the demo secret (and no secret,
// and a short one); development and tests keep working without one. The
// start-up path (next start exits with one fatal log line) is exercised by
// server/crash-safety.test.ts against a production build.
import { describe, expect, it } from 'vitest';
import { DEMO_AUTH_SECRET, DEVELOPMENT_AUTH_SECRET, MIN_PRODUCTION_SECRET_LENGTH, productionSecretProblem } from './auth';

const STRONG = 'k3V9yq0Zr8wLx2Nf7Tb1Hc6Jd4Pm5Sa0Ue9Qi8Ro7Wg=';

describe('productionSecretProblem', () => {
  it('refuses production without BETTER_AUTH_SECRET, with the demo or development secret, or with a short one', () => {
    expect(productionSecretProblem({ NODE_ENV: 'production' })).toMatch(/BETTER_AUTH_SECRET is not set/);
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: '   ' })).toMatch(/not set/);
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: DEMO_AUTH_SECRET })).toMatch(/built-in demo secret/);
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: DEVELOPMENT_AUTH_SECRET })).toMatch(/built-in demo secret/);
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(MIN_PRODUCTION_SECRET_LENGTH - 1) })).toMatch(/shorter than 32/);
    // The old escape hatch no longer turns the check off.
    expect(productionSecretProblem({ NODE_ENV: 'production', PUSHCHART_DEMO: '1' })).toMatch(/not set/);
  });

  it('every refusal says how to make a secret', () => {
    expect(productionSecretProblem({ NODE_ENV: 'production' })).toContain('openssl rand -base64 32');
  });

  it('accepts a long random secret in production', () => {
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: STRONG })).toBeNull();
    expect(productionSecretProblem({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(MIN_PRODUCTION_SECRET_LENGTH) })).toBeNull();
  });

  it('does not apply to development, tests or the build (which signs nothing)', () => {
    expect(productionSecretProblem({ NODE_ENV: 'development' })).toBeNull();
    expect(productionSecretProblem({ NODE_ENV: 'test' })).toBeNull();
    expect(productionSecretProblem({})).toBeNull();
    expect(productionSecretProblem({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBeNull();
  });
});
