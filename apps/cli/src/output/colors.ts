import picocolors from 'picocolors';

export type Colors = ReturnType<typeof picocolors.createColors>;

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): Colors {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== '';
  return picocolors.createColors(!noColor && (isTTY || forced));
}
