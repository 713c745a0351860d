/* A stand-in for Windows' bcryptprimitives.dll, for running the Windows build under Wine 8
 * only (Wine 8.0 lacks the DLL; Windows 10 and 11 have it). Rust's standard library imports
 * ProcessPrng from it; without it every Rust program exits at once with status 53. Never
 * shipped: scripts/windows-smoke builds it beside the unpacked exe. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG part = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, part, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        data += part;
        length -= part;
    }
    return TRUE;
}
