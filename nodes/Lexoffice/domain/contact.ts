/** The kinds of e-mail address and phone number a lexoffice contact can hold (one of each). */
export const EMAIL_TYPES = ['business', 'office', 'private', 'other'] as const;
export const PHONE_TYPES = ['business', 'office', 'mobile', 'private', 'fax', 'other'] as const;

export type EmailType = (typeof EMAIL_TYPES)[number];
export type PhoneType = (typeof PHONE_TYPES)[number];
