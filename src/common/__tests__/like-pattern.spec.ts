import { escapeLike } from '../like-pattern';

describe('escapeLike', () => {
  it('escapes the wildcards and the escape character, and nothing else', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('back\\slash\\')).toBe('back\\\\slash\\\\');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
    expect(escapeLike("plain 'text' [x] * ? é")).toBe("plain 'text' [x] * ? é");
  });
});
