import { join } from 'node:path';
import { credentialStoreSetting, type Environment } from '../shared/config.js';
import { CliError, ExitCode } from '../shared/errors.js';
import { readJsonFile, writeJsonFile } from './files.js';
import { KeychainUnavailable, keyringDelete, keyringGet, keyringSet } from './keyring.js';
import type { StoreKind } from './profiles.js';

interface SecretsFile {
  v: 1;
  secrets: Record<string, string>;
}

/** The file that holds the secrets of profiles kept where there is no keychain (mode 0600). */
export function secretsFile(configDir: string): string {
  return join(configDir, 'credentials.json');
}

async function readSecrets(configDir: string): Promise<SecretsFile> {
  const data = await readJsonFile<SecretsFile>(secretsFile(configDir), { v: 1, secrets: {} });
  return { v: 1, secrets: { ...data.secrets } };
}

/** Where a new secret went, and why not the keychain when it could not be used. */
export interface Saved {
  store: StoreKind;
  /** Set when `auto` found no keychain and used the file: said once, at login. */
  fallback?: string;
}

/**
 * Keeps a profile's secret: in the OS keychain (`keyring`), in the 0600 file (`file`), or with
 * `auto` in the keychain where there is one, else in the file. A locked keychain is an error.
 */
export async function saveSecret(
  configDir: string,
  profile: string,
  secret: string,
  env: Environment = process.env,
): Promise<Saved> {
  const setting = credentialStoreSetting(env);
  if (setting !== 'file') {
    try {
      await keyringSet(profile, secret);
      await removeFromFile(configDir, profile);
      return { store: 'keyring' };
    } catch (error) {
      if (!(error instanceof KeychainUnavailable) || setting === 'keyring') throw unavailable(error, setting);
      await writeToFile(configDir, profile, secret);
      return { store: 'file', fallback: error.message };
    }
  }
  await writeToFile(configDir, profile, secret);
  return { store: 'file' };
}

export async function loadSecret(
  configDir: string,
  profile: string,
  store: StoreKind,
): Promise<string | undefined> {
  if (store === 'file') return (await readSecrets(configDir)).secrets[profile];
  try {
    return await keyringGet(profile);
  } catch (error) {
    throw unavailable(error, 'keyring');
  }
}

/** Forgets a profile's secret wherever it is kept; true when there was one. */
export async function deleteSecret(configDir: string, profile: string, store: StoreKind): Promise<boolean> {
  if (store === 'file') return removeFromFile(configDir, profile);
  try {
    return await keyringDelete(profile);
  } catch (error) {
    throw unavailable(error, 'keyring');
  }
}

/** Replaces a profile's secret where it is kept (a refreshed OAuth pair). */
export async function replaceSecret(
  configDir: string,
  profile: string,
  store: StoreKind,
  secret: string,
): Promise<void> {
  if (store === 'file') return writeToFile(configDir, profile, secret);
  try {
    await keyringSet(profile, secret);
  } catch (error) {
    throw unavailable(error, 'keyring');
  }
}

async function writeToFile(configDir: string, profile: string, secret: string): Promise<void> {
  const data = await readSecrets(configDir);
  data.secrets[profile] = secret;
  await writeJsonFile(secretsFile(configDir), data);
}

async function removeFromFile(configDir: string, profile: string): Promise<boolean> {
  const data = await readSecrets(configDir);
  if (!(profile in data.secrets)) return false;
  delete data.secrets[profile];
  await writeJsonFile(secretsFile(configDir), data);
  return true;
}

function unavailable(error: unknown, setting: string): unknown {
  if (!(error instanceof KeychainUnavailable)) return error;
  return new CliError(
    `The OS keychain cannot be used here (${error.message})${setting === 'keyring' ? ', and SALESLOFT_HOOKS_CREDENTIAL_STORE=keyring asks for it' : ''}: set SALESLOFT_HOOKS_CREDENTIAL_STORE=file, or log in again where the keychain is.`,
    'keychain_unavailable',
    ExitCode.usage,
  );
}
