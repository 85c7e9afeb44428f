// The GSL headers nmmfit uses, plus accessors for GSL's C-global type objects.
//
// GSL exposes its algorithm descriptors (gsl_rng_mt19937, gsl_root_fsolver_brent, ...) as
// mutable C globals. Swift 6 strict concurrency rejects touching them directly; these
// `static inline` accessors return the (never mutated) pointers so strict checking stays on
// everywhere else. See ../shared/notes/swift-gsl.md.
#ifndef NMMFIT_CGSL_SHIM_H
#define NMMFIT_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_spline.h>

static inline const gsl_rng_type *nmm_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_root_fsolver_type *nmm_root_brent(void) { return gsl_root_fsolver_brent; }
static inline const gsl_min_fminimizer_type *nmm_min_brent(void) { return gsl_min_fminimizer_brent; }
static inline const gsl_multimin_fminimizer_type *nmm_multimin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }
static inline const gsl_multimin_fdfminimizer_type *nmm_multimin_bfgs2(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }
static inline const gsl_interp_type *nmm_interp_linear(void) { return gsl_interp_linear; }
static inline const gsl_interp_type *nmm_interp_cspline(void) { return gsl_interp_cspline; }
static inline const gsl_interp_type *nmm_interp_steffen(void) { return gsl_interp_steffen; }

#endif
