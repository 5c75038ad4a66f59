#ifndef WORKBENCH_CFREETYPE_SHIM_H
#define WORKBENCH_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdint.h>

/* Function-like macros Swift cannot import, exported as constants and helpers. */
static const int32_t WORKBENCH_FT_LOAD_RENDER_LIGHT = (int32_t)(FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT);

/* Whether the face has a kerning table usable by FT_Get_Kerning. */
static inline int workbench_ft_has_kerning(FT_Face face) { return FT_HAS_KERNING(face) ? 1 : 0; }

#endif
