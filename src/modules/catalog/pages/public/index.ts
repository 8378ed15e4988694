// The public catalog pages: /products, /products/compare and /products/:id.
export { publicCatalogPages } from './routes.tsx';
