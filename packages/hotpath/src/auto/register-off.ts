/** `hotpath/register` under the `hotpath-off` condition: nothing is loaded and nothing happens. */
export {};
