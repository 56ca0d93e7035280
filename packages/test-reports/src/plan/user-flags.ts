/** True when the user's arguments already hold one of these options (`--name`, `--name=value`, `-x`). */
export function hasOption(args: readonly string[], names: readonly string[]): boolean {
  return args.some((arg) => names.includes(arg.split('=')[0] as string));
}
