// How a command is written into the router's log: the words as sent, secrets masked.

const SECRET_KEY = /(?:^|-)(?:password|secret|passphrase|pre-shared-key|private-key|authentication-key|response|key)$/i;
const MAX_LENGTH = 1000;

export function describeCommand(words: readonly string[]): string {
  const text = words.map(maskWord).join(" ");
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}...` : text;
}

function maskWord(word: string): string {
  // "=key=value" (attribute) or "?key=value" (query)
  const m = /^([=?])([^=]+)=/.exec(word);
  if (m && SECRET_KEY.test(m[2]!)) return `${m[1]}${m[2]}=***`;
  return word;
}
