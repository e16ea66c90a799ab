import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { DemoOrganization } from './demo.types';

/**
 * `<dataDir>/demo-api-key`: the only copy of the demo key's plaintext (the database holds its
 * hash), so later starts can print it again. Readable by its owner only.
 */
const FILE_NAME = 'demo-api-key';

const demoKeyFileSchema = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  apiKey: z.string().min(1),
});

function demoKeyFilePath(dataDir: string): string {
  return path.join(dataDir, FILE_NAME);
}

/** The saved demo organisation; null when there is no file or it does not hold one. */
export async function readDemoKeyFile(dataDir: string): Promise<DemoOrganization | null> {
  let text: string;
  try {
    text = await readFile(demoKeyFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = demoKeyFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temporary name and renamed, so a crash never leaves half a file behind. */
export async function writeDemoKeyFile(dataDir: string, demo: DemoOrganization): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const target = demoKeyFilePath(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  await rename(temporary, target);
}
