import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The OS keychain's half of a webhook: Electron's `safeStorage` encrypts with a key the OS keeps (Keychain
 * on macOS, DPAPI on Windows, the secret service on Linux); this keeps the encrypted bytes. Browser mode
 * has no safeStorage, so it has no keychain: its channels read environment variables only.
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** Entries are names like "rm-netops" (the workspace schema holds them to that), so each is one file. */
export class WebhookKeychain {
  constructor(
    private readonly dir: string,
    private readonly cipher: SecretCipher,
  ) {}

  private file(entry: string): string {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(entry)) throw new Error(`"${entry}" is not a keychain entry name (lower-case letters, digits and dashes).`);
    return path.join(this.dir, `${entry}.bin`);
  }

  async read(entry: string): Promise<string | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file(entry));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return this.cipher.decrypt(bytes);
  }

  async write(entry: string, url: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFile(this.file(entry), this.cipher.encrypt(url), { mode: 0o600 });
  }

  async clear(entry: string): Promise<void> {
    await rm(this.file(entry), { force: true });
  }
}
