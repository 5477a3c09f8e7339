#include "CAllocator.h"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

int broadsheet_limit_retained_memory(void) {
#if defined(M_TRIM_THRESHOLD)
    // Setting it also fixes the threshold above which a block gets its own mapping at 128 KB,
    // which is given back the moment it is freed.
    return mallopt(M_TRIM_THRESHOLD, 1 << 20);
#else
    return 0;
#endif
}
