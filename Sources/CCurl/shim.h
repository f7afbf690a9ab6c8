// Typed wrappers around libcurl's variadic setopt/getinfo, which Swift cannot call directly.
#ifndef COOPMAIL_CCURL_SHIM_H
#define COOPMAIL_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode coop_curl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode coop_curl_set_str(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode coop_curl_set_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode coop_curl_set_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode coop_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*coop_curl_data_cb)(char *ptr, size_t size, size_t nmemb, void *userdata);
static inline CURLcode coop_curl_set_cb(CURL *h, CURLoption o, coop_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode coop_curl_get_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
// Connection cache shared between successive easy handles (a fresh handle keeps the open connection).
static inline CURLSHcode coop_curl_share_set_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }
static inline CURLcode coop_curl_set_share(CURL *h, CURLSH *s) { return curl_easy_setopt(h, CURLOPT_SHARE, s); }
// The socket of a connection opened with CURLOPT_CONNECT_ONLY.
static inline CURLcode coop_curl_get_socket(CURL *h, curl_socket_t *v) { return curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, v); }
#endif
