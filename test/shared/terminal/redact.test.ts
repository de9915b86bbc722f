import { describe, expect, it } from 'vitest';
import { REDACTION_MARKER, SecretRedactor, redactSecrets } from '../../../shared/terminal/redact';

// AWS's documented example credentials: the shapes real ones have, owned by no one.
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY_ID = 'ASIAY34FZKBOKMUTVV7A';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDq+Zz5example/session/token/' + 'A'.repeat(300) + '==';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwZS1hbGljZSJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** Output with no ':' or '=' for long enough that only the word rules are tried over it. */
const BASE64_LINE = `${'QUJD'.repeat(500)}\r\n`;
/** A soft wrap (" \\r") after every character of a key name that no shorter key name ends with. */
const WIDEST_KEY_NAME = [...'AWS_SECURITY_TOKEN'].map((c) => `${c} \r`).join('');

describe('redactSecrets', () => {
  it.each([
    ['an exported secret access key', `export AWS_SECRET_ACCESS_KEY=${SECRET}\n`, 'export AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]\n'],
    ['a quoted secret access key', `AWS_SECRET_ACCESS_KEY="${SECRET}"`, 'AWS_SECRET_ACCESS_KEY="[REDACTED:aws-secret]"'],
    ['a credentials-file secret key', `aws_secret_access_key = ${SECRET}\n`, 'aws_secret_access_key = [REDACTED:aws-secret]\n'],
    ['a session token variable', `AWS_SESSION_TOKEN=${SESSION_TOKEN} next`, 'AWS_SESSION_TOKEN=[REDACTED:aws-secret] next'],
    ['a credentials-file session token', `aws_session_token=${SESSION_TOKEN}\n`, 'aws_session_token=[REDACTED:aws-secret]\n'],
    ['sts get-session-token JSON', `"SecretAccessKey": "${SECRET}",\n"SessionToken": "${SESSION_TOKEN}"`, '"SecretAccessKey": "[REDACTED:aws-secret]",\n"SessionToken": "[REDACTED:aws-secret]"'],
    ['a long-term access key id', `aws_access_key_id=${KEY_ID}\n`, 'aws_access_key_id=[REDACTED:aws-access-key-id]\n'],
    ['a temporary access key id in JSON', `"AccessKeyId": "${TEMP_KEY_ID}"`, '"AccessKeyId": "[REDACTED:aws-access-key-id]"'],
    ['an Authorization header', `> Authorization: Bearer ${JWT}\r\n`, '> Authorization: Bearer [REDACTED:bearer-token]\r\n'],
    ['a bare bearer JWT', `token is Bearer ${JWT}, then`, 'token is Bearer [REDACTED:bearer-token], then'],
    ['a 40-character high-entropy value under another name', `secret: ${SECRET}\n`, 'secret: [REDACTED:aws-secret]\n'],
    ['a 40-hex commit hash after = (not a secret)', 'commit=3f786850e387550fdab836ed7e6dc881de23001b\n', 'commit=3f786850e387550fdab836ed7e6dc881de23001b\n'],
    ['a version and a region (not secrets)', 'rmht check-versions --region EUW2\nbilling-api 2.14.0\n', 'rmht check-versions --region EUW2\nbilling-api 2.14.0\n'],
    ['the word bearer in prose (not a secret)', 'the bearer of bad news', 'the bearer of bad news'],
    // bash's readline wraps a long typed line with " \r" at the margin: on screen it is one line, so is the secret.
    ['a secret key typed past the margin of a narrow terminal', `$ echo AWS_SECRET_ACCESS_KEY=w \rJalrXUtnFEMI/K7MDENG/bPxRfiCYE \rXAMPLEKEY\r\n`, '$ echo AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]\r\n'],
    ['a key name wrapped at the margin', `AWS_SECRET_AC \rCESS_KEY=${SECRET}\n`, 'AWS_SECRET_AC \rCESS_KEY=[REDACTED:aws-secret]\n'],
    ['a secret key and its name wrapped with a repeated character (readline under the C locale)', 'echo AWS_SECRET_ACCES\rSS_KEY=wJalrXUtnFEMI/K7MDENG/bP\rPxRfiCYEXAMPLEKEY; exit\r\n', 'echo AWS_SECRET_ACCES\rSS_KEY=[REDACTED:aws-secret]; exit\r\n'],
    ['a bare 40-character secret wrapped at the margin', `secret: wJalrXUtnFEMI/K7M\rMDENG/bPxRfiCYEXAMPLEKEY\n`, 'secret: [REDACTED:aws-secret]\n'],
    ['an access key id wrapped at the margin', `AKIAIOSF \rODNN7EXAMPLE\n`, '[REDACTED:aws-access-key-id]\n'],
    // The kv and bare rules are only tried near a ':' or '=': a secret far from the text's start, after one with none.
    ['a key id and a token far into base64 output without separators', `${BASE64_LINE.repeat(10)}${KEY_ID} Bearer ${JWT}\r\n`, `${BASE64_LINE.repeat(10)}[REDACTED:aws-access-key-id] Bearer [REDACTED:bearer-token]\r\n`],
    ['a bearer token after many secret variables, and a variable after it', `${`AWS_SESSION_TOKEN=${SESSION_TOKEN}\n`.repeat(20)}Bearer ${JWT}\naws_secret_access_key=${SECRET}\n`, `${'AWS_SESSION_TOKEN=[REDACTED:aws-secret]\n'.repeat(20)}Bearer [REDACTED:bearer-token]\naws_secret_access_key=[REDACTED:aws-secret]\n`],
    ['a key name wrapped after every character, its separator 61 characters from the start of the match', `${BASE64_LINE}x ${WIDEST_KEY_NAME}" \t \t \r=${SESSION_TOKEN}\n`, `${BASE64_LINE}x ${WIDEST_KEY_NAME}" \t \t \r=[REDACTED:aws-secret]\n`],
    ['a progress bar redrawn with " \\r" (not a secret)', 'token=50% \rtoken=60% \r', 'token=50% \rtoken=60% \r'],
  ])('%s', (_name, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });
});

/** Feeds `text` to a redactor in pieces cut at `cuts`, and returns everything it wrote. */
function streamed(text: string, cuts: number[]): string {
  const redactor = new SecretRedactor();
  let out = '';
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out += redactor.push(text.slice(from, cut));
    from = cut;
  }
  return out + redactor.end();
}

describe('SecretRedactor across chunk boundaries', () => {
  const line = `$ echo AWS_SECRET_ACCESS_KEY=${SECRET} Authorization: Bearer ${JWT}\r\n`;
  const whole = redactSecrets(line);

  it('writes the same text however the stream was cut, at every single cut point', () => {
    expect(whole).not.toContain(SECRET);
    expect(whole).not.toContain(JWT);
    for (let cut = 0; cut <= line.length; cut++) expect(streamed(line, [cut])).toBe(whole);
  });

  it('holds a secret whose soft wrap is cut by the end of a read', () => {
    for (const wrapped of ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG \rbPxRfiCYEXAMPLEKEY\n', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/\r/bPxRfiCYEXAMPLEKEY\n']) {
      for (let cut = 0; cut <= wrapped.length; cut++) expect(streamed(wrapped, [cut])).toBe('AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]\n');
    }
  });

  it('redacts a secret typed one character per pty read (the echo of a person typing)', () => {
    const cuts = Array.from({ length: line.length }, (_, i) => i);
    expect(streamed(line, cuts)).toBe(whole);
  });

  it('never writes part of a secret split over two reads before the second arrives', () => {
    const redactor = new SecretRedactor();
    const first = redactor.push(`ok\nAWS_SECRET_ACCESS_KEY=${SECRET.slice(0, 20)}`);
    expect(first).not.toContain(SECRET.slice(0, 20));
    const second = redactor.push(`${SECRET.slice(20)}\nnext line\n`) + redactor.end();
    expect(first + second).toBe('ok\nAWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]\nnext line\n');
  });

  it('cuts a secret that never ends short and drops the rest of it as it comes, keeping what follows', () => {
    const redactor = new SecretRedactor();
    let out = redactor.push('AWS_SESSION_TOKEN=');
    for (let i = 0; i < 100; i++) out += redactor.push('A'.repeat(1000));
    out += redactor.push('A/B= after\n') + redactor.end();
    expect(out).toBe('AWS_SESSION_TOKEN=[REDACTED:aws-secret] after\n');
  });

  it('holds back no more than a few hundred characters of plain output', () => {
    const redactor = new SecretRedactor();
    const written = redactor.push('x'.repeat(100_000));
    expect(written.length).toBeGreaterThanOrEqual(100_000 - 256);
    expect(written + redactor.end()).toBe('x'.repeat(100_000));
  });

  it('marks every redaction with the same marker', () => {
    expect(whole.split(REDACTION_MARKER).length - 1).toBe(2);
  });
});
