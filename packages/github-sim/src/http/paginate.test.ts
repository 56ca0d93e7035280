import { describe, expect, it } from 'vitest';
import { paginate } from './paginate.js';

const items = Array.from({ length: 7 }, (_, index) => index);

describe('paginate', () => {
  it('serves 30 per page by default with no link header when one page holds everything', () => {
    expect(paginate(items, new URL('http://h/x'))).toEqual({ items, link: undefined });
  });

  it('builds next/last on the first page and prev/first on the last, keeping other query values', () => {
    const first = paginate(items, new URL('http://h/x?per_page=3&state=all'));
    expect(first.items).toEqual([0, 1, 2]);
    expect(first.link).toBe(
      '<http://h/x?per_page=3&state=all&page=2>; rel="next", <http://h/x?per_page=3&state=all&page=3>; rel="last"',
    );
    const last = paginate(items, new URL('http://h/x?per_page=3&page=3'));
    expect(last.items).toEqual([6]);
    expect(last.link).toBe(
      '<http://h/x?per_page=3&page=2>; rel="prev", <http://h/x?per_page=3&page=1>; rel="first"',
    );
  });

  it('caps per_page at 100 and treats nonsense as defaults', () => {
    const many = Array.from({ length: 250 }, (_, index) => index);
    expect(paginate(many, new URL('http://h/x?per_page=1000')).items).toHaveLength(100);
    expect(paginate(many, new URL('http://h/x?per_page=abc&page=-2')).items).toHaveLength(30);
  });
});
