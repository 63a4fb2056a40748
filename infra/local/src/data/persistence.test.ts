import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../api/src/passwords';
import { DEFAULT_TABLE_NAME } from '../../../api/src/table';
import { UserRepository } from '../../../api/src/users';
import { json, startTestStack } from '../testing/harness';

const dataDir = mkdtempSync(path.join(tmpdir(), 'stride-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the dynalite store on disk', () => {
  it('keeps data across a restart of the whole stack (tables created once, accounts kept)', async () => {
    const first = await startTestStack({}, { dataDir, edge: false });
    try {
      // Written by the us-west-1 client; read after restart through the API (us-east-1): one global table.
      const users = new UserRepository(first.stack.dynamo.documentClient('us-west-1'), DEFAULT_TABLE_NAME);
      expect(
        await users.createIfAbsent({
          id: 'u-new',
          email: 'new@stride.test',
          name: 'New',
          passwordHash: await hashPassword('pw-123456'),
          subscription: 'active',
          createdAt: new Date().toISOString(),
        }),
      ).toBe(true);
    } finally {
      await first.stop();
    }
    const second = await startTestStack({}, { dataDir, edge: false });
    try {
      const login = await second.site('/api/auth/login', json({ email: 'new@stride.test', password: 'pw-123456' }));
      expect(login.status).toBe(200);
      expect(((await login.json()) as { user: { id: string } }).user.id).toBe('u-new');
      expect((await second.site('/api/auth/login', json({ email: 'demo@stride.test', password: 'stride-demo-1' }))).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('says clearly when another stack already holds the data folder', async () => {
    const first = await startTestStack({}, { dataDir, edge: false });
    try {
      await expect(startTestStack({}, { dataDir, edge: false })).rejects.toThrow(/already in use by another running stack/);
    } finally {
      await first.stop();
    }
  });
});
