/** Optional ids and texts arrive as undefined, null or "": all three mean "none". */
export const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};
