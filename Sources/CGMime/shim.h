#ifndef COOPMAIL_CGMIME_SHIM_H
#define COOPMAIL_CGMIME_SHIM_H
// GMime's type checks are macros; these functions make them callable from Swift.
#include <gmime/gmime.h>

static inline int coop_is_multipart(GMimeObject *o) { return GMIME_IS_MULTIPART(o); }
static inline int coop_is_part(GMimeObject *o) { return GMIME_IS_PART(o); }
static inline int coop_is_message_part(GMimeObject *o) { return GMIME_IS_MESSAGE_PART(o); }
static inline int coop_is_text_part(GMimeObject *o) { return GMIME_IS_TEXT_PART(o); }
static inline GMimeMultipart *coop_as_multipart(GMimeObject *o) { return GMIME_MULTIPART(o); }
static inline GMimePart *coop_as_part(GMimeObject *o) { return GMIME_PART(o); }
static inline GMimeMessagePart *coop_as_message_part(GMimeObject *o) { return GMIME_MESSAGE_PART(o); }
static inline GMimeObject *coop_message_as_object(GMimeMessage *m) { return GMIME_OBJECT(m); }
static inline void coop_unref(void *p) { if (p) g_object_unref(p); }


static inline int coop_is_mailbox(InternetAddress *a) { return INTERNET_ADDRESS_IS_MAILBOX(a); }
static inline InternetAddressMailbox *coop_as_mailbox(InternetAddress *a) { return INTERNET_ADDRESS_MAILBOX(a); }
static inline GMimeStream *coop_stream_mem(void) { return g_mime_stream_mem_new(); }
static inline const guint8 *coop_stream_mem_bytes(GMimeStream *s, size_t *len) {
    GByteArray *a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
    *len = a ? a->len : 0;
    return a ? a->data : NULL;
}
#endif
