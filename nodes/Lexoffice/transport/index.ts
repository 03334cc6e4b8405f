export { getConnection } from './connection';
export type { LexofficeConnection, LexofficeContext, LexofficeCredentialType } from './connection';
export { isVersionConflict, parseLexofficeError, readHttpFailure, scrubSecrets, toNodeApiError } from './errors';
export type { HttpFailure, NoAnswerKind } from './errors';
export { lexofficeBody, lexofficeResponse, lexofficeResponseOrFailure } from './request';
export type { MultipartBody, MultipartFile } from './multipart';
export type { LexofficeRequest, LexofficeResponse, RequestOptions } from './request';
export { lexofficePages, MAX_PAGE_SIZE, SEARCH_WINDOW, uniqueById } from './paging';
export type { PagedResult } from './paging';
