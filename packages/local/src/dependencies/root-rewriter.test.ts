import { describe, expect, it } from 'vitest';
import { createRootRewriter, pathInside } from './root-rewriter.js';

describe('createRootRewriter', () => {
  const rewriter = createRootRewriter(['/home/me/repo', '/real/repo'], '/tmp/ws-1');

  it('maps paths under any from-root and leaves others', () => {
    expect(rewriter.mapPath('/home/me/repo')).toBe('/tmp/ws-1');
    expect(rewriter.mapPath('/home/me/repo/.venv/bin')).toBe('/tmp/ws-1/.venv/bin');
    expect(rewriter.mapPath('/real/repo/src')).toBe('/tmp/ws-1/src');
    expect(rewriter.mapPath('/home/me/repo-2/src')).toBeNull();
    expect(rewriter.mapPath('/usr/bin')).toBeNull();
  });

  it('rewrites whole roots in text, never a longer sibling name', () => {
    const text =
      '#!/home/me/repo/.venv/bin/python\n/home/me/repo\n/home/me/repo-2/x /home/me/repo2 "/real/repo"';
    expect(rewriter.mentionsRoot(text)).toBe(true);
    expect(rewriter.rewriteText(text)).toBe(
      '#!/tmp/ws-1/.venv/bin/python\n/tmp/ws-1\n/home/me/repo-2/x /home/me/repo2 "/tmp/ws-1"',
    );
    expect(rewriter.mentionsRoot('/home/me/repo-2 only')).toBe(false);
  });

  it('pathInside gives the relative path or null', () => {
    expect(pathInside('/a/b', '/a/b/c/d')).toBe('c/d');
    expect(pathInside('/a/b', '/a/b')).toBe('');
    expect(pathInside('/a/b', '/a/bc')).toBeNull();
    expect(pathInside('/a/b', '/a')).toBeNull();
  });
});
