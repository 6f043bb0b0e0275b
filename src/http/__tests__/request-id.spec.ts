import { requestIdFrom } from '../request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it("keeps a caller's plain id of up to 200 characters", () => {
    for (const id of [
      'a',
      '0af7651916cd43dd8448eb211c80319c',
      '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      'Root=1-5759e988:abc/def+g.h_i',
      'x'.repeat(200),
    ]) {
      expect(requestIdFrom(id)).toBe(id);
    }
  });

  it('generates a UUID when there is none, or it is too long, empty, repeated or has other characters', () => {
    for (const header of [undefined, '', 'x'.repeat(201), 'a b', 'a,b', 'a\nb', 'é', ['a', 'b']]) {
      expect(requestIdFrom(header)).toMatch(UUID);
    }
  });
});
