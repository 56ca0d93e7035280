export interface Page<Item> {
  readonly items: Item[];
  /** GitHub's `link` header, or undefined when everything fits on one page. */
  readonly link: string | undefined;
}

/** Slices `items` by `page`/`per_page` (30 by default, at most 100) and builds the `link` header as GitHub does. */
export function paginate<Item>(items: readonly Item[], requestUrl: URL): Page<Item> {
  const perPage = Math.min(100, Math.max(1, Number(requestUrl.searchParams.get('per_page')) || 30));
  const page = Math.max(1, Number(requestUrl.searchParams.get('page')) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (number: number): string => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(number));
    return url.href;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${pageUrl(page - 1)}>; rel="prev"`);
  if (page < lastPage) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`);
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    link: links.length > 0 ? links.join(', ') : undefined,
  };
}
