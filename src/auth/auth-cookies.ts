export const ACCESS_COOKIE = 'ss-tok';
export const SESSION_COOKIE = 'ss-id';
export const PERMANENT_SESSION_COOKIE = 'ss-pid';
export const REFRESH_COOKIE = 'ss-reftok';
