import { hashPassword } from '../../../api/src/passwords';
import type { UserRepository } from '../../../api/src/users';

/** The seeded accounts `npm start` prints; documented in README "Demo accounts". */
export const DEMO_ACCOUNTS = [
  { id: 'u-demo', email: 'demo@stride.test', password: 'stride-demo-1', name: 'Demo Viewer', subscription: 'active' },
  { id: 'u-free', email: 'free@stride.test', password: 'stride-demo-1', name: 'Free Viewer', subscription: 'none' },
] as const;

/** Adds any demo account that is missing; never overwrites an existing one. */
export async function seedDemoAccounts(users: UserRepository, now = new Date()): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await users.byId(account.id)) continue;
    const { password, ...rest } = account;
    if (await users.createIfAbsent({ ...rest, passwordHash: await hashPassword(password), createdAt: now.toISOString() })) created += 1;
  }
  return created;
}
