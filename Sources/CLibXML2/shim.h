// libxml2, found through pkg-config libxml-2.0 (Debian: libxml2-dev).
// erlint uses only its SAX2 push parser: see Sources/ErlintIngest/XML/XMLStreamParser.swift.
//
// Debian builds libxml2 with ICU, and libxml/encoding.h then includes the system's ICU headers,
// which clash with the ICU copy inside Swift's Foundation. erlint never touches the encoding
// handler struct (the only thing those headers change), so the ICU part is left out here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
