export { getConnection } from './connection';
export type { LexofficeConnection, LexofficeContext, LexofficeCredentialType } from './connection';
export { parseLexofficeError, readHttpFailure, scrubSecrets, toNodeApiError } from './errors';
export type { HttpFailure } from './errors';
export { lexofficeApiRequest, lexofficeRequest, lexofficeRequestOrFailure } from './request';
export type { MultipartBody, MultipartFile } from './multipart';
export type { LexofficeRequest, LexofficeResponse, RequestOptions } from './request';
export { lexofficeRequestPages, MAX_PAGE_SIZE, SEARCH_WINDOW } from './paging';
export type { PagedResult } from './paging';
