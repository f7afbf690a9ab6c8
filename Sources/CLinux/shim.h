// Linux calls that glibc hides behind _GNU_SOURCE.
#ifndef COOPMAIL_CSYSTEM_SHIM_H
#define COOPMAIL_CSYSTEM_SHIM_H
extern int syncfs(int fd);
#endif
