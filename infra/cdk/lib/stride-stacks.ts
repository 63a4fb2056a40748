import type { EdgeStack } from './edge-stack';
import type { SiteReplicaStack } from './site-replica-stack';
import type { SiteStack } from './site-stack';
import type { ApiStack } from './api-stack';
import type { DnsStack } from './dns-stack';
import type { DrillsStack } from './drills-stack';

/** The app's stacks by role, in deploy order (createStrideApp builds them; the nag acknowledgements address them). */
export interface StrideStacks {
  readonly edge: EdgeStack;
  readonly siteReplica: SiteReplicaStack;
  readonly site: SiteStack;
  readonly apiPrimary: ApiStack;
  readonly apiSecondary: ApiStack;
  readonly dns: DnsStack;
  readonly drills: DrillsStack;
}
