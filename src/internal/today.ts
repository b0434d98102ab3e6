/** Today (UTC) as `YYYY-MM-DD`, for articles past their review date. */
export const today = () => new Date().toISOString().slice(0, 10);
