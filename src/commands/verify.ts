import * as Flags from '@oclif/core/flags';
import { type Diagnosis, diagnose } from '../../packages/webhooks/src/catalog/signature.js';
import { revealSecret } from '../cli/argv-secrets.js';
import { BaseCommand } from '../cli/base-command.js';
import { tokenFileFlag } from '../cli/flags.js';
import { readBody } from '../cli/terminal.js';
import { ExitCode } from '../shared/errors.js';
import { legacyTokens, requireToken } from '../subscriptions/tokens.js';

export default class Verify extends BaseCommand<Diagnosis> {
  static override summary = 'Check an x-salesloft-signature against a body, offline, and explain a mismatch.';
  static override description =
    'Reads the body from --body-file or standard input. Exits 0 when the signature is valid, 1 when it is not.';
  static override examples = [
    '<%= config.bin %> verify --token "$TOKEN" --signature 5d41402abc4b2a76b9719d911017c592ab1e7c2f --body-file body.json',
    'cat body.json | <%= config.bin %> verify --token "$TOKEN" --signature "$SIG"',
  ];

  static override flags = {
    token: Flags.string({
      description:
        'callback token of the subscription [env: SALESLOFT_CALLBACK_TOKEN]; repeat to also try other tokens (hinted, never valid)',
      multiple: true,
    }),
    'token-file': tokenFileFlag,
    signature: Flags.string({ description: 'the x-salesloft-signature header value (hex)', required: true }),
    'body-file': Flags.string({
      description: 'file holding the raw body (default: standard input)',
      helpValue: '<file>',
    }),
  };

  async run(): Promise<Diagnosis> {
    const { flags } = await this.parse(Verify);
    const body = await readBody(flags['body-file']);
    const fromFile = await this.givenToken({ 'token-file': flags['token-file'] });
    const given =
      fromFile !== undefined ? [fromFile] : (flags.token ?? []).map((token) => revealSecret(token));
    const settings = this.resolveSettings({});
    let [token, ...otherTokens] =
      given.length > 0 ? given : settings.callbackToken ? [settings.callbackToken] : [];
    if (token === undefined) {
      // The state directory's token, as listen, trigger and doctor sign with it (never created here);
      // the per-URL tokens of before 0.3 are tried too, for the hint.
      token = (await this.callbackToken({}, settings, { readOnly: true })).token;
      otherTokens = await legacyTokens(settings.stateDir, token);
    }
    const result = diagnose(body, requireToken(token, '--token'), flags.signature, { otherTokens });
    if (!result.valid) this.setExitCode(ExitCode.negative);
    if (!this.jsonEnabled()) {
      if (result.valid) {
        this.log(`${this.out.green('valid')}: the signature matches HMAC-SHA1 of the body`);
      } else {
        this.log(`${this.out.red('invalid')}: ${result.reason}${result.hint ? ` (${result.hint})` : ''}`);
        if (result.expected) this.log(`expected: ${result.expected}`);
      }
    }
    return result;
  }
}
