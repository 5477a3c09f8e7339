#ifndef BROADSHEET_CCMARK_SHIM_H
#define BROADSHEET_CCMARK_SHIM_H
#include <cmark.h>
#endif
