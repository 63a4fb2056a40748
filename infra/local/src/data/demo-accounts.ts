import { hashPassword } from '../../../api/src/passwords';
import { TRIAL_DAYS, type SubscriptionStatus, type UserRepository } from '../../../api/src/users';

interface DemoAccount {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly name: string;
  /** The stored state; with `endsInDays` the period ends that many days after seeding (negative: before). */
  readonly subscription: SubscriptionStatus;
  readonly endsInDays?: number;
}

/** The seeded accounts `npm start` prints; documented in README "Demo accounts". */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'u-demo', email: 'demo@stride.test', password: 'stride-demo-1', name: 'Demo Viewer', subscription: 'active' },
  { id: 'u-free', email: 'free@stride.test', password: 'stride-demo-1', name: 'Free Viewer', subscription: 'none' },
  {
    id: 'u-trial',
    email: 'trial@stride.test',
    password: 'stride-demo-1',
    name: 'Trial Viewer',
    subscription: 'trial',
    endsInDays: TRIAL_DAYS,
  },
  // A trial that ended the day before seeding: it reads as `expired` and is asked to subscribe.
  {
    id: 'u-expired',
    email: 'expired@stride.test',
    password: 'stride-demo-1',
    name: 'Expired Trial',
    subscription: 'trial',
    endsInDays: -1,
  },
];

/** Adds any demo account that is missing; never overwrites an existing one. */
export async function seedDemoAccounts(users: UserRepository, now = new Date()): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await users.byId(account.id)) continue;
    const { password, endsInDays, ...rest } = account;
    const subscriptionEndsAt = endsInDays === undefined ? undefined : new Date(now.getTime() + endsInDays * 86_400_000).toISOString();
    if (
      await users.createIfAbsent({ ...rest, subscriptionEndsAt, passwordHash: await hashPassword(password), createdAt: now.toISOString() })
    )
      created += 1;
  }
  return created;
}
