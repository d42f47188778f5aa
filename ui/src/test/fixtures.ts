// Every shared test fixture: the core (sign-in to install, the mock back end), Manage's, and
// the Identity Center sign-in's, in files of their own.
export * from './fixtures-core';
export * from './fixtures-manage';
export * from './fixtures-sso';
