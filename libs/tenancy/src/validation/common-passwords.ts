/**
 * The passwords guessed first: the top of public breach-frequency lists (SecLists' 10k-most-common
 * and NCSC's 100k list), kept to those of eight characters or more since shorter ones already fail
 * the length rule. Compared lower-cased with spaces removed.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '87654321', '11111111', '00000000', '88888888',
  '11223344', '12341234', '123123123', '147258369', '987654321', '0987654321', '1qaz2wsx', '1q2w3e4r',
  '1q2w3e4r5t', 'qwertyui', 'qwertyuiop', 'qwerty123', 'qwerty12', 'qwer1234', 'asdfghjk', 'asdfghjkl',
  'zxcvbnm1', 'password', 'password1', 'password12', 'password123', 'password!', 'passw0rd', 'p@ssw0rd',
  'p@ssword', 'pa$$word', 'iloveyou', 'iloveyou1', 'sunshine', 'princess', 'football', 'baseball',
  'welcome1', 'welcome123', 'letmein1', 'letmein123', 'trustno1', 'superman', 'batman123', 'starwars',
  'whatever', 'computer', 'michelle', 'jennifer', 'jordan23', 'corvette', 'mercedes', 'internet',
  'changeme', 'changeme1', 'changeme123', 'default1', 'administrator', 'admin123', 'admin1234',
  'adminadmin', 'rootroot', 'abcd1234', 'abc12345', 'abcdefgh', 'abcdefg1', 'aaaaaaaa', 'zaq12wsx',
  'q1w2e3r4', 'q1w2e3r4t5', 'a1b2c3d4', 'qazwsxedc', 'monkey123', 'dragon123', 'shadow123', 'master123',
  'michael1', 'charlie1', 'freedom1', 'secret123', 'test1234', 'testtest', 'guest123', 'login123',
  'hello123', 'helloworld', 'loveyou1', 'lovelove', 'iloveu123', 'nicole123', 'ashley123', 'jessica1',
  'liverpool', 'chelsea1', 'arsenal1', 'blink182', 'pokemon1', 'minecraft', 'fortnite', 'summer2024',
  'summer2025', 'summer2026', 'winter2024', 'winter2025', 'spring2025', 'autumn2025', 'welcome2024',
  'welcome2025', 'welcome2026', 'password2024', 'password2025', 'password2026', 'ringlypro', 'ringlypro1',
  'ringlypro123', 'rachel123', 'correcthorse', 'correcthorsebatterystaple',
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase().replace(/\s+/g, ''));
}
