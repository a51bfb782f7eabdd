"""Build of zhiku's compiled kernel; everything else is declared in pyproject.toml.

The kernel (``zhiku.analyze._keyword_kernel``, Cython) is optional: where it cannot be compiled the install
goes on and ``keyword_features`` runs its numpy reference, which gives the same keywords. From a checkout it is
compiled from the ``.pyx`` (Cython is a build requirement); an sdist also carries the generated C++.
"""

from pathlib import Path

from setuptools import Extension, setup

KERNEL = Path("src/zhiku/analyze/_keyword_kernel")


def extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:  # no Cython: the generated C++ where an sdist carries it, else the numpy reference
        cpp = KERNEL.with_suffix(".cpp")
        return [Extension("zhiku.analyze._keyword_kernel", [str(cpp)], language="c++", optional=True)] if (
            cpp.exists()) else []
    kernel = Extension("zhiku.analyze._keyword_kernel", [str(KERNEL.with_suffix(".pyx"))], optional=True)
    return cythonize([kernel], compiler_directives={"language_level": "3"})


setup(ext_modules=extensions())
