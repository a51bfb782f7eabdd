"""Build of zhiku's compiled kernel; everything else is declared in pyproject.toml.

The kernel (``zhiku.analyze._keyword_kernel``, Cython) is optional: where it cannot be compiled the install
goes on and ``keyword_features`` runs its numpy reference, which gives the same keywords.
"""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # no Cython in the build environment: the numpy reference runs
    extensions = []
else:
    extensions = cythonize(
        [Extension("zhiku.analyze._keyword_kernel", ["src/zhiku/analyze/_keyword_kernel.pyx"], optional=True)],
        compiler_directives={"language_level": "3"},
    )

setup(ext_modules=extensions)
