//! What every service's pair of client classes shares: a blocking class and an asyncio class with the same
//! operations, each operation written once.

/// Declares a service's blocking and asyncio client classes. The `methods` are written once and given to both:
/// each runs through `Connection::perform` or `Connection::listing`, which answer with a result or an awaitable
/// as the class waits (`Self::WAITING`). Only the life cycle differs: `close()` and `with` for the blocking
/// class, `aclose()` and `async with` for the asyncio one.
///
/// A method's parameters after `py: Python<'_>` reach pyo3 as bare Python objects; each is read as its declared
/// type by `arguments::take` under its own name before the body runs, so that every refusal names the argument.
macro_rules! client_classes {
    (
        $(#[doc = $blocking_doc:literal])*
        blocking $blocking:ident,
        $(#[doc = $asyncio_doc:literal])*
        asyncio $asyncio:ident,
        fields { $($field:ident: $type:ty),* $(,)? },
        methods {
            $(
                $(#[$attribute:meta])*
                fn $method:ident(
                    $(&$receiver:tt $(,)?)?
                    $($py:ident: Python<'_> $(, $argument:ident: $argument_type:ty)* $(,)?)?
                ) -> $output:ty $body:block
            )*
        }
    ) => {
        $crate::clients::client_classes! {
            @classes
            $(#[doc = $blocking_doc])*
            blocking $blocking,
            $(#[doc = $asyncio_doc])*
            asyncio $asyncio,
            fields { $($field: $type),* },
            methods {
                $(
                    $(#[$attribute])*
                    fn $method(
                        $(&$receiver,)?
                        $($py: pyo3::Python<'_> $(, $argument: $crate::arguments::Given<'_, '_>)*)?
                    ) -> $output {
                        $($(
                            let $argument: $argument_type =
                                $crate::arguments::take($py, $argument, stringify!($argument))?;
                        )*)?
                        $body
                    }
                )*
            }
        }
    };
    (
        @classes
        $(#[doc = $blocking_doc:literal])*
        blocking $blocking:ident,
        $(#[doc = $asyncio_doc:literal])*
        asyncio $asyncio:ident,
        fields { $($field:ident: $type:ty),* },
        methods { $($methods:tt)* }
    ) => {
        $(#[doc = $blocking_doc])*
        #[pyo3::pyclass(module = "drivekit", frozen)]
        pub(crate) struct $blocking {
            $($field: $type),*
        }

        $(#[doc = $asyncio_doc])*
        #[pyo3::pyclass(module = "drivekit", frozen)]
        pub(crate) struct $asyncio {
            $($field: $type),*
        }

        impl $blocking {
            const WAITING: $crate::driver::Waiting = $crate::driver::Waiting::Blocking;
            const NAME: &'static str = stringify!($blocking);
        }

        impl $asyncio {
            const WAITING: $crate::driver::Waiting = $crate::driver::Waiting::Asyncio;
            const NAME: &'static str = stringify!($asyncio);
        }

        #[pyo3::pymethods]
        impl $blocking {
            $($methods)*

            /// Lets go of the pooled connections; the client cannot be used afterwards.
            fn close(&self) {
                self.connection.close();
            }

            /// Whether `close()` was called.
            #[getter]
            fn closed(&self) -> bool {
                self.connection.is_closed()
            }

            fn __enter__(slf: pyo3::Py<Self>) -> pyo3::Py<Self> {
                slf
            }

            #[pyo3(signature = (*_exc_info))]
            fn __exit__(&self, _exc_info: &pyo3::Bound<'_, pyo3::types::PyTuple>) {
                self.connection.close();
            }
        }

        #[pyo3::pymethods]
        impl $asyncio {
            $($methods)*

            /// Lets go of the pooled connections; the client cannot be used afterwards.
            fn aclose<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                self.connection.close();
                $crate::driver::spawn(py, async { Ok(()) })
            }

            /// Whether `aclose()` was called.
            #[getter]
            fn closed(&self) -> bool {
                self.connection.is_closed()
            }

            fn __aenter__<'py>(
                slf: pyo3::Py<Self>,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                $crate::driver::spawn(py, async move { Ok(slf) })
            }

            #[pyo3(signature = (*_exc_info))]
            fn __aexit__<'py>(
                &self,
                py: pyo3::Python<'py>,
                _exc_info: &pyo3::Bound<'py, pyo3::types::PyTuple>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                self.aclose(py)
            }
        }
    };
}

pub(crate) use client_classes;
