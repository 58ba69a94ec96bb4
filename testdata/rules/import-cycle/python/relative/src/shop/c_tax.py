import shop.a_cart

RATE = 1.2
DEFAULT = shop.a_cart.Cart
