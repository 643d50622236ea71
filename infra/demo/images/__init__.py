"""Draw the demo photos for the Plein intranet of Gemeente Voorbeeld.

Every image is built from simple shapes with Pillow: no stock photos and
nothing downloaded, so the demo carries no third-party image rights. Each
scene uses its own fixed random seed, so a rerun writes the same files.

Usage, from the repository root:

    python -m infra.demo.images [output_dir]

The default output directory is ``content/images``.

Layout: ``canvas`` is the drawing surface, ``palette`` the colours,
``nature``, ``buildings``, ``townhall`` and ``figures`` the reusable
elements, and ``scenes`` one module per photo.
"""
