// Prints a password hash in better-auth's format, for the demo users' seed:
//   npx tsx scripts/hash-password.ts 'the password'
import { hashPassword } from 'better-auth/crypto';

async function main() {
  const password = process.argv[2];
  if (!password) {
    console.error('usage: tsx scripts/hash-password.ts PASSWORD');
    process.exit(2);
  }
  console.log(await hashPassword(password));
}

void main();
