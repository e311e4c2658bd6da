"""Running a build: the pipeline (read → extract → resolve), the worker pool, Dask
clusters and the progress bar."""
